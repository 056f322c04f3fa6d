import './phone.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PhoneApp } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PhoneApp />
  </StrictMode>,
);

// The service worker keeps the shell for offline visits (public/sw.js). Not in development: Vite serves modules, not the build.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without it the pages still work online; nothing to tell the worker.
    });
  });
}
