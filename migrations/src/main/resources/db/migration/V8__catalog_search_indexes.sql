-- Catalog search at 20,000 models (docs/benchmarks.md, figure (c) at 1M events): a name-prefix search scanned the
-- whole table, because the primary key's index follows the database collation, which LIKE 'prefix%' cannot use;
-- risk tier + status (the compliance inventory's filters) scanned and sorted every match for each page.
CREATE INDEX catalog_model_name_prefix ON catalog_model (name varchar_pattern_ops);
CREATE INDEX catalog_model_risk_status ON catalog_model (risk_tier, status, name);
