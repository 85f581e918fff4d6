-- Audiences: per-contact purchase summaries, refreshed with the purchase index (see PurchaseIndex).
-- Criteria over a contact's whole history (orders, total spent, last order) and "bought in
-- category X since D" read one row per contact (and category) instead of aggregating the purchase
-- and item indexes per contact. Runs on H2 (PostgreSQL mode) and PostgreSQL.

-- One row per contact with at least one completed purchase; contacts without a row have none.
CREATE TABLE CM_PURCHASE_SUMMARY (
  CONTACT_ID VARCHAR(20) NOT NULL,
  ORDER_COUNT BIGINT NOT NULL,
  TOTAL_SPENT NUMERIC(18,2) NOT NULL,
  FIRST_ORDER TIMESTAMP,
  LAST_ORDER TIMESTAMP,
  CONSTRAINT PK_CM_PURCHASE_SUMMARY PRIMARY KEY (CONTACT_ID)
);

-- One row per contact and category the contact bought in, the product belonging to the category
-- at the order date; the first and last such order date.
CREATE TABLE CM_PURCHASE_CATEGORY (
  CATEGORY_ID VARCHAR(20) NOT NULL,
  CONTACT_ID VARCHAR(20) NOT NULL,
  FIRST_ORDER TIMESTAMP,
  LAST_ORDER TIMESTAMP,
  CONSTRAINT PK_CM_PURCHASE_CATEGORY PRIMARY KEY (CATEGORY_ID, CONTACT_ID)
);

-- "bought in category X since D": an index-only range scan on (category, last order)
CREATE INDEX CM_PURCHASE_CATEGORY_LAST ON CM_PURCHASE_CATEGORY (CATEGORY_ID, LAST_ORDER, CONTACT_ID);
