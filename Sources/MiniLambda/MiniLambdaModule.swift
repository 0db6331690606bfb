/// The mini Lambda runtime: execution environments as child processes speaking the Runtime API.
public enum MiniLambdaModule {}
