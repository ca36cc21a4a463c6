/** A labelled select of a GET filter form (lists of tasks, inspections…); works without JavaScript. */
export function FilterSelect({
  name,
  label,
  value,
  options,
  any,
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  /** The "any" choice, submitted as an empty value unless `any.value` says otherwise. */
  any?: { label: string; value?: string };
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="label">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value} className="input mt-1">
        {any ? <option value={any.value ?? ""}>{any.label}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
