public enum AgentsModule {}
