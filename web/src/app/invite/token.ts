// The invitation token travels in the address's fragment (`/invite#hqsi_…`): browsers never send the
// fragment to a server, so the token reaches the API only in the body of a POST.

/** The token in a location hash (`#hqsi_…`, possibly percent-encoded by a mail program), or ''. */
export function tokenFromHash(hash: string): string {
  const raw = hash.replace(/^#/, '').trim();
  let token: string;
  try {
    token = decodeURIComponent(raw);
  } catch {
    token = raw;
  }
  // Some mail programs glue the punctuation after a link to it.
  return token.replace(/[.,;:!?)\]>'"»]+$/, '');
}
