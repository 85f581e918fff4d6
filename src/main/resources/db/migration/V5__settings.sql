-- Values the application generates once and every instance of a cluster must share (e.g. the
-- tracking links' signing secret when none is configured).
CREATE TABLE CM_SETTING (
  NAME VARCHAR(100) NOT NULL,
  SETTING_VALUE VARCHAR(1000) NOT NULL,
  CREATED_AT TIMESTAMP NOT NULL,
  CONSTRAINT PK_CM_SETTING PRIMARY KEY (NAME)
);
