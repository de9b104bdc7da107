public enum LearningModule {}
