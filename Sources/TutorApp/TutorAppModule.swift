public enum TutorAppModule {}
