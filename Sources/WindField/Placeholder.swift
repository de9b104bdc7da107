public enum WindFieldModule {}
