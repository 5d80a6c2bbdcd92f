/** A message from the server or a form check, announced to screen readers; nothing when null. */
export function ErrorAlert(props: { message: string | null }) {
  return props.message === null ? null : (
    <p role="alert" className="error">
      {props.message}
    </p>
  );
}
