import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { startSingleSignOn } from '@/lib/auth';

/** What the server says about single sign-on: asked once per page load, it changes only with the server's configuration. */
export const useSingleSignOn = () =>
  useQuery({ queryKey: ['auth', 'sso'], queryFn: () => unwrap(api.GET('/api/v1/auth/sso')), staleTime: Infinity, retry: false });

/** Why the provider's round trip did not sign someone in, in words (the API's /sign-in?sso=… reasons). */
export function singleSignOnProblem(reason: string | null): string | null {
  switch (reason) {
    case null:
    case '':
      return null;
    case 'no_account':
      return 'Your company account is not in Okr yet. Ask an Okr admin to invite you with the same email address.';
    case 'unverified_email':
      return 'Your company account did not confirm a verified email address, so Okr cannot tell who you are. Ask your IT team, or sign in with your password.';
    case 'deactivated':
      return 'Your Okr account is deactivated. Ask an Okr admin if you need it back.';
    case 'cancelled':
      return 'Single sign-on was cancelled. Try again when you are ready.';
    default:
      return 'Single sign-on did not work this time. Try again; if it keeps failing, sign in with your password or ask an Okr admin.';
  }
}

/**
 * "Sign in with …": a plain link, because the browser itself must go to the provider and back (a fetch cannot follow
 * that). Nothing is shown while the answer is pending or when single sign-on is not configured.
 */
export function SingleSignOnButton({ returnTo = '/' }: { returnTo?: string }) {
  const { data } = useSingleSignOn();
  if (!data?.enabled || !data.startUrl) return null;
  const href = `${data.startUrl}?returnTo=${encodeURIComponent(returnTo)}`;
  return (
    <div className="stack">
      <a className="button button--secondary" href={href} onClick={(event) => {
        event.preventDefault();
        void startSingleSignOn(href);
      }}>
        Sign in with {data.name}
      </a>
      <p className="muted small sso-or" aria-hidden="true">or with your email and password</p>
    </div>
  );
}
