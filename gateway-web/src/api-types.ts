/** What auth-service answers to a successful login. */
export interface AccessToken {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
}
