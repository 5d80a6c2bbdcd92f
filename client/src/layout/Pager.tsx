/** Previous / next for a paginated list (`{ page, pageSize, total }` from the server). */
export function Pager(props: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  if (pages <= 1) {
    return <p className="muted small">{props.total} in all</p>;
  }
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        ← Previous
      </button>
      <span>
        page {props.page} of {pages} ({props.total} in all)
      </span>
      <button
        type="button"
        disabled={props.page >= pages}
        onClick={() => props.onPage(props.page + 1)}
      >
        Next →
      </button>
    </nav>
  );
}
