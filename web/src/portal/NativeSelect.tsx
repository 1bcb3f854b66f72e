/**
 * A native <select> inside its <label>: accessible by default, 44 px on phones, the phone's own picker,
 * and no JS weight (antd's Select would add ~40 KB gzipped to the portal's first paint).
 */
export type Option = { value: string; label: string };
export type OptionGroup = { label: string; options: Option[] };

export function NativeSelect({
  label,
  value,
  onChange,
  options,
  testId,
  wide,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: (Option | OptionGroup)[];
  testId?: string;
  wide?: boolean;
}) {
  return (
    <label className={wide ? 'control control-wide' : 'control'}>
      <span>{label}</span>
      <select className="native-select" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {options.map((o) =>
          'options' in o ? (
            <optgroup key={o.label} label={o.label}>
              {o.options.map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
            </optgroup>
          ) : (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ),
        )}
      </select>
    </label>
  );
}
