/**
 * 入会个人信息处理规则: the notice the one-click join page shows and the
 * applicant consents to — the one place its text lives. The server sends it
 * with the union (GET /api/public/unions/:id), the page renders it as sent,
 * and the application records the version the applicant agreed to
 * (join_applications.consent_version). Change the text ⇒ change the version.
 *
 * Written to 个人信息保护法 (PIPL): art. 17 (handler and contact, purposes,
 * means, kinds, retention, how to exercise rights), art. 20 (unions that
 * share the registry handle it jointly), arts. 28–30 (the resident ID is
 * sensitive: specific purpose and necessity, strict protection, separate
 * consent, the impact on the person), art. 15 (withdrawing consent),
 * art. 16 (refusing must leave another way to join), arts. 44–48, 50 (the
 * person's rights and how to exercise them), art. 19 and members/retention.ts
 * (retention).
 */
import { EMPLOYMENT_FORMS } from './schema.js';
import { RETENTION } from './retention.js';

/** Version of the notice; recorded with every application and every staff entry (signed on paper). */
export const PRIVACY_NOTICE_VERSION = '2026-12-06';

export interface PrivacyNoticeSection {
  heading: string;
  paragraphs: string[];
}

export interface PrivacyNotice {
  version: string;
  title: string;
  /**
   * The gist in four lines, shown first on the phone with the full text one
   * tap away. It says nothing the sections do not: the applicant agrees to the
   * sections (the version), so the summary may be reworded without a new version.
   */
  summary: string[];
  sections: PrivacyNoticeSection[];
  /** The checkbox for the notice as a whole. */
  consentLabel: string;
  /** The separate checkbox for the resident ID (PIPL art. 29: 单独同意). */
  sensitiveConsentLabel: string;
}

export interface NoticeUnion {
  name: string;
  phone: string | null;
  address: string | null;
  /** Names of the unions above it, nearest first (they share the registry within their scope). */
  superiors: string[];
}

/** The notice as the applicant to `union` reads it. */
export function joinPrivacyNotice(union: NoticeUnion): PrivacyNotice {
  const u = `「${union.name}」`;
  const contact = [union.phone && `电话 ${union.phone}`, union.address && `地址 ${union.address}`].filter(Boolean).join('，');
  const reach = contact ? `${contact}；也可以到本工会当面提出` : '请到本工会当面提出，或通过本工会的工作人员联系';
  const superiors = union.superiors.length ? `上级工会（${union.superiors.join('、')}）` : '上级工会';
  const years = RETENTION.endedMembershipYears;
  return {
    version: PRIVACY_NOTICE_VERSION,
    title: '入会个人信息处理规则',
    summary: [
      `${u}处理您的姓名、身份证号、手机号和工作情况，只用于核验身份、管理会籍、办理接转和提供工会服务，不用于商业营销。`,
      '身份证号是敏感个人信息，需要您单独同意：加密保存，页面只显示部分号码，工作人员查看完整号码都记入审计日志。',
      `只有本工会和${superiors}负责会员工作的人员能看到，不向工会组织以外提供；会籍终止或申请结束后保存 ${years} 年，期满删除。`,
      '您可以查阅、复制、更正、删除您的信息，也可以撤回同意；不同意的，可以到本工会当面办理入会。',
    ],
    sections: [
      {
        heading: '谁处理您的信息',
        paragraphs: [
          `您申请加入的${u}（以下称“本工会”）是处理您入会信息的个人信息处理者。联系方式：${reach}。`,
          `本工会与${superiors}共同使用工会会员管理系统，按各自职责处理您的信息；您可以向其中任何一个行使下面所说的权利。`,
        ],
      },
      {
        heading: '收集哪些信息',
        paragraphs: [
          `姓名、身份证号、手机号、就业形态（${Object.values(EMPLOYMENT_FORMS).join('、')}）、工作单位或所在平台名称，以及工作单位的统一社会信用代码（选填）。性别和出生日期从身份证号得出，不另外收集。`,
          '提交时还记录提交时间、IP 地址和您同意的本规则版本，用来证明是您本人提交并同意。',
        ],
      },
      {
        heading: '用来做什么',
        paragraphs: [
          '只用于：会员身份核验（确认是您本人、年满 16 周岁，且同一时间只在一个工会）；会籍管理（审核入会、会员证号、会籍状态、会龄）；会员组织关系接转（更换工作时转到新单位的工会）；向您提供工会服务、维护您的权益（通知审核结果，联系您办理会员事务、帮扶、法律援助等）。',
          '不用于上述以外的目的，不用于商业营销。入会由本工会工作人员审核，或按本工会事先设定自动批准。',
        ],
      },
      {
        heading: '身份证号是敏感个人信息',
        paragraphs: [
          '身份证号一旦泄露或被非法使用，可能使您的人格尊严受到侵害或人身、财产安全受到危害，因此需要您单独同意。',
          '必要性：会员实名登记、“一人一会”的核验和会籍接转都要以身份证号为准，没有它无法在线办理入会。',
          '保护措施：加密保存；查重只比对加密计算出的校验值；页面和导出文件只显示部分号码（如 33************123X），也不显示出生日期（只显示年龄）；工作人员查看完整号码须单独操作，每次查看都记入审计日志。',
          '对您的影响：只用于上述目的，不公开，不向工会组织以外提供。',
        ],
      },
      {
        heading: '谁能看到',
        paragraphs: [
          `本工会和${superiors}负责会员工作的工作人员，在各自管辖范围内查看和使用；完整手机号只有负责联系会员的工作人员能看到，其他人员（如领导、督查）只看到部分号码；您申请会员接转时，转入的工会能看到办理接转所需的信息。除法律、行政法规另有规定外，不向工会组织以外的任何单位或个人提供。`,
        ],
      },
      {
        heading: '保存多久',
        paragraphs: [
          '会籍存续期间一直保存；会籍经接转转到其他工会的，由转入的工会继续保存。',
          `会籍终止（退会、视为自动退会、开除会籍）的，或入会申请未获批准、被撤回的，自终止或结束之日起保存 ${years} 年，用于处理可能发生的争议和权益核查；期满后删除或匿名化，只保留不能识别个人的统计数字。`,
        ],
      },
      {
        heading: '您的权利',
        paragraphs: [
          '您可以查阅、复制您的个人信息；信息不准确或不完整的，可以要求更正、补充；处理目的已经实现、您撤回同意或会籍终止后保存期满等情形下，可以要求删除；也可以要求我们解释本规则。',
          '您可以撤回同意：申请待审核时，在申请进度页撤回申请即可；已经入会的，可以向本工会申请退会并撤回同意。撤回不影响撤回前已经进行的处理。',
          `行使以上权利，请联系本工会（${reach}）。本工会核实您的身份后在 15 个工作日内答复；不能满足的，会说明理由。您也可以向履行个人信息保护职责的部门投诉、举报。`,
        ],
      },
      {
        heading: '不同意会怎样',
        paragraphs: [`在线申请入会须同意本规则，并单独同意处理身份证号。不同意的，无法在线申请，但不影响您加入工会：您可以带上身份证件到${u}当面办理入会。`],
      },
    ],
    consentLabel: '我已阅读并同意《入会个人信息处理规则》',
    sensitiveConsentLabel: `我单独同意${u}为身份核验、会籍管理和会员接转处理我的身份证号（敏感个人信息）`,
  };
}
