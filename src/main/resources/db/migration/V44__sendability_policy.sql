-- How the one sendability rule (contacts.entity.Sendability) reads an ERP consent that is not set
-- (OFBiz: PARTY_CONTACT_MECH.ALLOW_SOLICITATION NULL): 'Y' counts as allowed, 'N' as refused.
-- One row, written at every start from campaigns.erp.solicitation-null, so that the rule stays one
-- piece of SQL that every user of it runs unchanged.
CREATE TABLE CM_SENDABILITY_POLICY (
  ID INTEGER NOT NULL,
  SOLICITATION_NULL CHAR(1) NOT NULL,
  CONSTRAINT PK_CM_SENDABILITY_POLICY PRIMARY KEY (ID),
  CONSTRAINT CK_CM_SENDABILITY_POLICY_ONE CHECK (ID = 1),
  CONSTRAINT CK_CM_SENDABILITY_POLICY_NULL CHECK (SOLICITATION_NULL IN ('Y', 'N'))
);

INSERT INTO CM_SENDABILITY_POLICY (ID, SOLICITATION_NULL) VALUES (1, 'Y');
