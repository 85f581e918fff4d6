-- A timed condition after an email counts its period from when the email was sent, not from when
-- it was queued (a throttled send of a large list takes hours): WAIT_SECONDS is the condition's
-- period, so that at the due time the engine can move DUE_AT to the send time plus the period.
-- NULL: no such correction (the condition's period counts from DUE_AT less it as it is, e.g.
-- after "run now").
ALTER TABLE CM_ENROLMENT ADD COLUMN WAIT_SECONDS INTEGER;
