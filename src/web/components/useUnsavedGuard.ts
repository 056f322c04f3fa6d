import { App } from 'antd';
import { useEffect } from 'react';
import { type BlockerFunction, useBlocker } from 'react-router';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

export const UNSAVED_WARNING = '有未保存的修改，确定离开吗？';

/** Asks whether to drop unsaved edits: `leave` runs on 离开, `stay` on 留下 (or the dialog closed). */
export function confirmLeave(modal: ModalApi, leave: () => void, stay?: () => void) {
  modal.confirm({ title: UNSAVED_WARNING, content: '离开后，所做的修改不会保存。', okText: '离开', okButtonProps: { danger: true }, cancelText: '留下', onOk: leave, onCancel: stay });
}

/** Any move to another page or another query (a list's filters, a report's org): its edits would be lost too. */
const leavesPage: BlockerFunction = ({ currentLocation, nextLocation }) =>
  currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search;

/**
 * While `dirty`, leaving the page asks first: a link or menu item of the console (held back by the router
 * until the user answers), and reloading or closing the tab (the browser's own prompt: its text is the
 * browser's, not ours).
 */
export function useUnsavedGuard(dirty: boolean) {
  const { modal } = App.useApp();
  const blocker = useBlocker(dirty ? leavesPage : false);

  useEffect(() => {
    if (blocker.state === 'blocked') confirmLeave(modal, blocker.proceed, blocker.reset);
  }, [blocker, modal]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
