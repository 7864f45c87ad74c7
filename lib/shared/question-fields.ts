/** The question form's field that only bots fill: hidden from people, named to invite no autofill. */
export const honeypotField = "hrld_leave_empty";
