-- Audiences: order totals in one reporting currency (campaigns.reporting-currency). The purchase
-- index keeps each order's own currency and amount (CURRENCY, ORDER_TOTAL) and its GRAND_TOTAL
-- converted at the mapping's exchange rate valid at the order date; NULL when there is no such rate,
-- so such an order counts as an order but not towards "total spent". The state row says in which
-- currency the index was built and how many orders (in which currencies) had no rate. An index
-- built before this has no REPORTING_CURRENCY and is rebuilt by the next tick. Runs on H2
-- (PostgreSQL mode) and PostgreSQL.

ALTER TABLE CM_PURCHASE_INDEX ADD COLUMN CURRENCY VARCHAR(20);
ALTER TABLE CM_PURCHASE_INDEX ADD COLUMN ORDER_TOTAL NUMERIC(18,2);

ALTER TABLE CM_PURCHASE_INDEX_STATE ADD COLUMN REPORTING_CURRENCY VARCHAR(3);
ALTER TABLE CM_PURCHASE_INDEX_STATE ADD COLUMN ORDERS_WITHOUT_RATE BIGINT;
ALTER TABLE CM_PURCHASE_INDEX_STATE ADD COLUMN CURRENCIES_WITHOUT_RATE VARCHAR(255);
