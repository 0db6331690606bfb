/// Question banks, grading and quiz sessions. Has no terminal in its API: the REPL renders.
public enum QuizModule {}
