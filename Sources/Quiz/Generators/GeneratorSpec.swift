/// What a `type: generated` question says about itself in a bank: which generator, which of
/// its results is the key, and how each parameter is drawn.
package struct GeneratorSpec: Sendable, Hashable {
    /// Name of a generator in ``QuestionGenerator/all`` (`concurrency`, `cost`, `scaling`).
    package var generator: String
    /// Which result of the generator is the key (`environments`, `total`).
    package var ask: String
    package var parameters: [String: ParameterDraw]
    package var tolerance: Tolerance
    /// Unit shown with the answer; defaults to the generator's unit for `ask`.
    package var unit: String?

    package init(generator: String, ask: String, parameters: [String: ParameterDraw], tolerance: Tolerance, unit: String? = nil) {
        self.generator = generator
        self.ask = ask
        self.parameters = parameters
        self.tolerance = tolerance
        self.unit = unit
    }
}
