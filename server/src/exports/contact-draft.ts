/** A contact as files carry it (CSV row or vCard), before validation. */
export interface ContactDraft {
  /** 1-based: the CSV row as a spreadsheet numbers it, or the vCard's position in the file. */
  row: number;
  name: string | null;
  emails: string[];
  phones: string[];
  title: string | null;
  company: string | null;
  linkedin: string | null;
  x: string | null;
  tags: string[];
  /** 'YYYY-MM-DD' or 'MM-DD' (year unknown). */
  birthday: string | null;
  location: string | null;
  /** The order system's id of the customer this person buys for. */
  customerExternalId: string | null;
  /** A team member's email (CSV "Owner"). */
  owner: string | null;
}

export function emptyDraft(row: number): ContactDraft {
  return {
    row,
    name: null,
    emails: [],
    phones: [],
    title: null,
    company: null,
    linkedin: null,
    x: null,
    tags: [],
    birthday: null,
    location: null,
    customerExternalId: null,
    owner: null,
  };
}
