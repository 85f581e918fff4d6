-- Distribution lists and the address-level suppression list: the contract between audiences
-- (which builds and owns the lists), mailings and tracking (which send to list members and write
-- unsubscribes, bounces and complaints). Capabilities add their own columns and tables in their
-- own migrations (campaigns V10-V19, audiences V20-V29, mailings and tracking V30-V39).

CREATE SEQUENCE CM_DISTRIBUTION_LIST_SEQ START WITH 1 INCREMENT BY 1;

-- KIND: STATIC (a timestamped snapshot, refreshed on demand) or DYNAMIC (re-evaluated when a
-- send starts). STATUS: READY, or REFRESHING while its members are being (re)built.
CREATE TABLE CM_DISTRIBUTION_LIST (
  ID BIGINT NOT NULL,
  NAME VARCHAR(120) NOT NULL,
  DESCRIPTION VARCHAR(1000),
  KIND VARCHAR(10) NOT NULL,
  STATUS VARCHAR(12) NOT NULL,
  MEMBER_COUNT BIGINT DEFAULT 0 NOT NULL,
  REFRESHED_AT TIMESTAMP,
  CREATED_BY VARCHAR(60) NOT NULL,
  CREATED_AT TIMESTAMP NOT NULL,
  VERSION INTEGER DEFAULT 0 NOT NULL,
  CONSTRAINT PK_CM_DISTRIBUTION_LIST PRIMARY KEY (ID),
  CONSTRAINT CK_CM_DISTRIBUTION_LIST_KIND CHECK (KIND IN ('STATIC', 'DYNAMIC')),
  CONSTRAINT CK_CM_DISTRIBUTION_LIST_STATUS CHECK (STATUS IN ('READY', 'REFRESHING'))
);

-- The current members of a list: one row per contact (ERP PARTY_ID) with the one address a
-- message goes to (lower-cased; one member per address). SOURCE: SEGMENT, MANUAL or IMPORT.
CREATE TABLE CM_LIST_MEMBER (
  LIST_ID BIGINT NOT NULL,
  PARTY_ID VARCHAR(20) NOT NULL,
  EMAIL VARCHAR(255) NOT NULL,
  SOURCE VARCHAR(10) NOT NULL,
  ADDED_AT TIMESTAMP NOT NULL,
  CONSTRAINT PK_CM_LIST_MEMBER PRIMARY KEY (LIST_ID, PARTY_ID),
  CONSTRAINT FK_CM_LIST_MEMBER_LIST FOREIGN KEY (LIST_ID) REFERENCES CM_DISTRIBUTION_LIST (ID)
);

CREATE INDEX CM_LIST_MEMBER_EMAIL ON CM_LIST_MEMBER (LIST_ID, EMAIL);

-- Addresses that no marketing message may reach, whatever the list: one row per lower-cased
-- address. REASON: UNSUBSCRIBED, HARD_BOUNCE, COMPLAINT or MANUAL. Checked when a list is built
-- and again when each message is sent.
CREATE TABLE CM_SUPPRESSION (
  EMAIL VARCHAR(255) NOT NULL,
  REASON VARCHAR(20) NOT NULL,
  PARTY_ID VARCHAR(20),
  CAMPAIGN_ID BIGINT,
  DETAIL VARCHAR(1000),
  CREATED_AT TIMESTAMP NOT NULL,
  CONSTRAINT PK_CM_SUPPRESSION PRIMARY KEY (EMAIL),
  CONSTRAINT CK_CM_SUPPRESSION_REASON CHECK
    (REASON IN ('UNSUBSCRIBED', 'HARD_BOUNCE', 'COMPLAINT', 'MANUAL'))
);
