import { App } from 'antd';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
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

/** What holds unsaved edits now: one entry per guard that is dirty. */
const DirtySources = createContext<Set<symbol> | null>(null);

/**
 * The console's one navigation blocker (a router heeds only one): while any `useUnsavedGuard` below is dirty,
 * a link or menu item of the console is held back until the user answers, and reloading or closing the tab
 * asks through the browser's own prompt (its text is the browser's, not ours).
 */
export function UnsavedGuardProvider({ children }: { children: ReactNode }) {
  const { modal } = App.useApp();
  const [dirty] = useState(() => new Set<symbol>());
  const blocker = useBlocker(useCallback<BlockerFunction>((args) => dirty.size > 0 && leavesPage(args), [dirty]));

  useEffect(() => {
    if (blocker.state === 'blocked') confirmLeave(modal, blocker.proceed, blocker.reset);
  }, [blocker, modal]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.size > 0) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return <DirtySources.Provider value={dirty}>{children}</DirtySources.Provider>;
}

/** While `dirty`, leaving the page asks first (UnsavedGuardProvider). */
export function useUnsavedGuard(dirty: boolean) {
  const sources = useContext(DirtySources);
  if (!sources) throw new Error('useUnsavedGuard needs UnsavedGuardProvider above it');
  useEffect(() => {
    if (!dirty) return;
    const source = Symbol('unsaved edits');
    sources.add(source);
    return () => {
      sources.delete(source);
    };
  }, [dirty, sources]);
}
