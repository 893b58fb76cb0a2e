-- The zero-label match model (Fellegi–Sunter, estimated by EM on every full matching run): a
-- config version made by a full run carries the model it scored with (per comparison and level:
-- m, u and the class distributions), so that incremental matching scores with the same model.
ALTER TABLE opportunities.matching_config ADD COLUMN fs_model jsonb;
