import {
  createTokenBodySchema,
  loginBodySchema,
  tokenIdParamsSchema,
  type ApiTokenView,
  type CreatedApiTokenView,
  type UserView,
} from '../protocol/auth';
import { studyEnterBodySchema } from '../protocol/studies';
import { route } from './route';

/** Signing in and out, the signed-in user, crowd entry from a study link, and API tokens. */
export const authRoutes = {
  login: route<{ user: UserView }>()({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in with a username and password (rate limited; locks after repeated failures)',
    tag: 'auth',
    access: 'public',
    body: loginBodySchema,
    success: { status: 200, description: 'Signed in: `{ user }` and a session cookie' },
  }),
  logout: route<void>()({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Sign out',
    tag: 'auth',
    access: 'public',
    success: { status: 204, description: 'Signed out' },
  }),
  me: route<{ user: UserView }>()({
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in user',
    tag: 'auth',
    access: 'signedIn',
    success: { status: 200, description: '`{ user }`' },
  }),
  createToken: route<{ token: CreatedApiTokenView }>()({
    method: 'post',
    path: '/api/auth/tokens',
    summary: 'Create an expiring API token (from a session only; the secret is answered once)',
    tag: 'auth',
    access: 'manageApiTokens',
    body: createTokenBodySchema,
    success: { status: 201, description: '`{ token }`' },
  }),
  listTokens: route<{ tokens: ApiTokenView[] }>()({
    method: 'get',
    path: '/api/auth/tokens',
    summary: "The caller's API tokens",
    tag: 'auth',
    access: 'manageApiTokens',
    success: { status: 200, description: '`{ tokens }`' },
  }),
  revokeToken: route<void>()({
    method: 'delete',
    path: '/api/auth/tokens/:tokenId',
    summary: 'Revoke an API token',
    tag: 'auth',
    access: 'manageApiTokens',
    params: tokenIdParamsSchema,
    success: { status: 204, description: 'Revoked' },
  }),
  studyEnter: route<{ user: UserView }>()({
    method: 'post',
    path: '/api/study/enter',
    summary:
      'Verified crowd entry from a study link (a signature `sig` or a one-time `code`): creates or signs in the participant’s worker account; forged, replayed, over-quota or closed-study entries are refused (rate limited)',
    tag: 'auth',
    access: 'public',
    body: studyEnterBodySchema,
    success: { status: 200, description: '`{ user }` and a session cookie' },
  }),
};
