/// What a `type: generated` question says about itself in a bank: which generator, which of
/// its results is the key, and how each parameter is drawn.
public struct GeneratorSpec: Sendable, Hashable {
    /// Name of a generator in ``QuestionGenerator/all`` (`concurrency`, `cost`, `scaling`).
    public var generator: String
    /// Which result of the generator is the key (`environments`, `total`).
    public var ask: String
    public var parameters: [String: ParameterDraw]
    public var tolerance: Tolerance
    /// Unit shown with the answer; defaults to the generator's unit for `ask`.
    public var unit: String?

    public init(generator: String, ask: String, parameters: [String: ParameterDraw], tolerance: Tolerance, unit: String? = nil) {
        self.generator = generator
        self.ask = ask
        self.parameters = parameters
        self.tolerance = tolerance
        self.unit = unit
    }
}
