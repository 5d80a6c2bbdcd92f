import type { PasswordLinkView } from '../../../shared/protocol/users';
import { formatWhen } from '../review/format';

/**
 * A one-time link, shown once (the server keeps only its hash): the admin copies it to the
 * person, who opens it to choose their own password.
 */
export function PasswordLinkNotice({
  username,
  link,
}: {
  username: string;
  link: PasswordLinkView;
}) {
  const url = `${window.location.origin}${link.path}`;
  return (
    <div className="notice" role="status" aria-label={`Link for ${username}`}>
      <p>
        {link.purpose === 'invitation' ? 'Invitation' : 'Password-reset'} link for{' '}
        <strong>{username}</strong> — send it to them; it works once, until{' '}
        {formatWhen(link.expiresAt)}, and is not shown again:
      </p>
      <input
        readOnly
        className="link-box"
        aria-label={`One-time link for ${username}`}
        value={url}
        onFocus={(e) => e.target.select()}
      />
      <button type="button" onClick={() => void navigator.clipboard?.writeText(url)}>
        Copy
      </button>
    </div>
  );
}
