import type { ReactNode } from 'react';
import { LoadError, Loading, PhonePage } from '../../../phone/ui';
import type { MyMembership } from './me-api';
import { useMyMembership } from './MePage';
import { type KeptForm, KeptNotice } from './shared';
import { SignedIn, useReadAgainOnline } from './SignedIn';

export type OpenMembership = NonNullable<MyMembership['membership']>;

/**
 * A page under 我的会籍 that acts on the open membership: signed in, loaded, and not without one. `kept`: the
 * page's form, if one waits on the phone, is said while the page cannot open (KeptNotice).
 */
export function WithMembership({ title, kept, children }: { title: string; kept?: KeptForm; children: (membership: OpenMembership) => ReactNode }) {
  return (
    <SignedIn title={title} kept={kept}>
      <Loaded title={title} kept={kept}>
        {children}
      </Loaded>
    </SignedIn>
  );
}

function Loaded({ title, kept, children }: { title: string; kept?: KeptForm; children: (membership: OpenMembership) => ReactNode }) {
  const mine = useMyMembership();
  useReadAgainOnline(mine);
  if (mine.isPending) {
    return (
      <PhonePage title={title} back="/me">
        <KeptNotice kept={kept} />
        <Loading />
      </PhonePage>
    );
  }
  if (mine.error || !mine.data.membership) {
    return (
      <PhonePage title={title} back="/me">
        <KeptNotice kept={kept} />
        <LoadError error={mine.error ?? new Error('您目前没有在册会籍，请先入会')} notFound="您的会员身份未找到" onRetry={mine.error ? () => void mine.refetch() : undefined} />
      </PhonePage>
    );
  }
  return <>{children(mine.data.membership)}</>;
}
