import type { ReactNode } from 'react';
import { LoadError, Loading, PhonePage } from '../../../phone/ui';
import type { MyMembership } from './me-api';
import { useMyMembership } from './MePage';
import { SignedIn } from './SignedIn';

export type OpenMembership = NonNullable<MyMembership['membership']>;

/** A page under 我的会籍 that acts on the open membership: signed in, loaded, and not without one. */
export function WithMembership({ title, children }: { title: string; children: (membership: OpenMembership) => ReactNode }) {
  return (
    <SignedIn title={title}>
      <Loaded title={title}>{children}</Loaded>
    </SignedIn>
  );
}

function Loaded({ title, children }: { title: string; children: (membership: OpenMembership) => ReactNode }) {
  const mine = useMyMembership();
  if (mine.isPending) return <PhonePage title={title} back="/me">{<Loading />}</PhonePage>;
  if (mine.error || !mine.data.membership) {
    return <PhonePage title={title} back="/me">{<LoadError error={mine.error ?? new Error('您目前没有在册会籍，请先入会')} notFound="您的会员身份未找到" />}</PhonePage>;
  }
  return <>{children(mine.data.membership)}</>;
}
