-- When the engine last looked for ERP orders (ORDERED conditions and goals): orders are read at
-- most every campaigns.workflows.order-scan-seconds, not at every event scan.
ALTER TABLE CM_WORKFLOW_WATERMARK ADD COLUMN ORDERS_SCANNED_AT TIMESTAMP;
