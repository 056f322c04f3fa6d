import { useState } from 'react';
import { TextInput } from './ui';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0', '⌫'];

/**
 * A resident ID field with its own keypad: digits and X. No system keyboard
 * does both — `inputmode="numeric"` and `type="tel"` give digits without X,
 * `inputmode="text"` the full keyboard — so a tap on the field opens ours
 * (`inputmode="none"` keeps the system one shut, as WeChat's and Alipay's ID
 * fields do). A hardware keyboard, paste and autofill still type into the
 * field; X is taken only as the 18th character, where it belongs.
 */
export function IdInput({ value, onChange, label, error, placeholder, testId }: { value: string; onChange: (value: string) => void; label: string; error?: string; placeholder?: string; testId?: string }) {
  const [keypad, setKeypad] = useState(false);
  const press = (key: string) => {
    if (key === '⌫') onChange(value.slice(0, -1));
    else if (value.length < 18 && (key !== 'X' || value.length === 17)) onChange(value + key);
  };
  return (
    <>
      <TextInput
        label={label}
        error={error}
        placeholder={placeholder}
        testId={testId}
        value={value}
        onChange={(v) => onChange(v.toUpperCase())}
        inputMode="none"
        maxLength={18}
        autoComplete="off"
        onClick={() => setKeypad(true)}
        onBlur={() => setKeypad(false)}
      />
      {keypad && (
        // Pressing a key must not take the focus from the field (that would close the keypad).
        <div className="ph-keypad" onPointerDown={(e) => e.preventDefault()} onMouseDown={(e) => e.preventDefault()} data-testid="id-keypad">
          {KEYS.map((key) => (
            <button key={key} type="button" aria-label={key === '⌫' ? '删除' : key} onClick={() => press(key)}>
              {key}
            </button>
          ))}
          <button type="button" className="is-done" onClick={() => setKeypad(false)}>
            完成
          </button>
        </div>
      )}
    </>
  );
}
