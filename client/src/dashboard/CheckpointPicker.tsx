import { useEffect } from 'react';
import { isDomainId } from '../../../shared/domain/domains';
import type { CheckpointOption } from '../../../shared/protocol/checkpoints';
import { useLoad } from '../layout/useLoad';
import { listCheckpoints } from './roundsApi';

/**
 * Picks the checkpoint a round's Alice or Bob starts from, among those the researcher may use
 * (`GET /api/checkpoints`), by readable name. Empty: the researcher's default (what they last
 * promoted, else the domain's), trained first when the domain has none yet.
 */
export function CheckpointPicker(props: {
  name: string;
  domain: string;
  role: 'alice' | 'bob';
  value: string;
  onChange: (version: string) => void;
}) {
  const { domain, role, value, onChange } = props;
  const { data, error } = useLoad<CheckpointOption[]>(
    // The form's domain comes from a select of the known ones; anything else lists nothing.
    () => (isDomainId(domain) ? listCheckpoints(domain, role) : Promise.resolve([])),
    `${domain}/${role}`,
  );
  // Another domain's list: a version picked before no longer applies.
  useEffect(() => {
    if (data !== null && value !== '' && !data.some((c) => c.version === value)) {
      onChange('');
    }
  }, [data, value, onChange]);
  const current = data?.find((c) => c.current);
  return (
    <>
      <select
        name={props.name}
        value={value}
        disabled={data === null}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">
          {current === undefined
            ? 'Default (none yet: trained first)'
            : `Default (${current.label.replace(' (default)', '')})`}
        </option>
        {(data ?? []).map((c) => (
          <option key={c.version} value={c.version}>
            {c.label}
          </option>
        ))}
      </select>
      {error !== null && <span className="error field-error">{error}</span>}
    </>
  );
}
