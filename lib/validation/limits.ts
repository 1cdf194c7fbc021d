// The lengths the rules allow, in one place: messages, hints, maxLength attributes and the database's CHECK
// constraints all read them from here.
export const LINK_MIN = 5;
export const LINK_MAX = 40;
export const PASSCODE_MIN = 6;
export const PASSCODE_MAX = 10;
