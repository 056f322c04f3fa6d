/**
 * 会员评家的常用测评项: what members of a union in Pinghu are asked to score
 * (seeds/002, 云履职 · 会员评家), the usual items of a union's yearly review by
 * its members. A new survey starts from these; staff may change every word.
 */
export const STANDARD_TEMPLATE = {
  commentPrompt: '您对本单位工会工作还有哪些意见和建议？',
  questions: [
    { text: '维权服务：工会及时反映职工诉求，依法维护职工劳动报酬、休息休假、劳动安全等合法权益', weight: 2 },
    { text: '帮扶救助：工会对困难职工、患病职工的走访慰问和帮扶救助及时到位', weight: 1 },
    { text: '活动开展：工会组织的文体活动、技能竞赛、职工培训丰富实在，职工愿意参加', weight: 1 },
    { text: '阵地建设：职工之家、爱心驿站等服务阵地开放正常，设施实用', weight: 1 },
    { text: '民主管理：职代会、厂务公开等民主管理制度落实，职工意见得到听取', weight: 2 },
    { text: '会费使用公开：工会经费和会费的收支情况定期向会员公开', weight: 1 },
    { text: '工会干部作风：工会干部联系职工紧密，办事公道、热情、高效', weight: 2 },
  ],
} as const;
