/** Says, where OKRs are shown, that the period chosen is closed and why nothing can be changed. */
export function ClosedNotice({ label }: { label: string }) {
  return (
    <div className="alert alert--info" role="note">
      <strong>{label} is closed.</strong> Its objectives are scored and read-only; only an admin can still correct them.
      Unfinished work continues in the next period.
    </div>
  );
}
