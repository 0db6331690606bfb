public enum CurriculumModule {}
