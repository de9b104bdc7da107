public enum BLEModelsModule {}
