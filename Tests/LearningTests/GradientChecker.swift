import Learning
import XCTest

/// Compares hand-written gradients with finite differences of the loss.
///
/// For a tensor T (an input or a parameter) with analytic gradient G = dL/dT, it picks a
/// few coordinates (always including the largest |G|) and one random direction u, and
/// estimates dL/dTᵢ and dL/d(T + δu)|δ=0 with the fourth-order central stencil
/// (8(f(h) − f(−h)) − (f(2h) − f(−2h)))/12h. With RMS taken over the chosen coordinates,
///
///     coordinate error = rms(G − N) / (max(rms G, rms N) + floor)
///     direction error  = |G·u − N_u| / (max(|G·u|, |N_u|, rms G) + floor)
///
/// for a random unit vector u (G·u is of order rms G), and both must be ≤ `tolerance`. The floor is
/// `floorFraction` times a gradient scale (the RMS of all gradients of the model being
/// checked), so that a tensor whose true gradient is zero or tiny (a softmax key bias, a
/// deep layer at initialisation) is judged against Float rounding noise, not against itself.
/// Layers run in Float, so h is large (1e−2) and the truncation error (O(h⁴)) stays far
/// below the tolerance; a wrong gradient term gives errors of order 1 (GradientCheckerTests
/// shows the check failing).
struct GradientChecker {
    var step: Float = 1e-2
    var tolerance = 2e-3
    var floorFraction = 1e-2
    var coordinatesPerTensor = 6
    var generator = Xoshiro256StarStar(seed: 20_240_601)

    /// The coordinate and direction discrepancies for one tensor, without asserting.
    ///
    /// `scale` is the typical gradient size the floor is taken from (default: this tensor's RMS).
    mutating func discrepancies(analytic: Tensor, value: Tensor, scale: Double? = nil, loss: (Tensor) -> Double)
        -> (coordinates: Double, direction: Double, worst: String)
    {
        let floor = floorFraction * (scale ?? Self.rootMeanSquare(analytic))
        precondition(analytic.shape == value.shape, "gradient \(analytic.shape) for value \(value.shape)")
        var indices: [Int]
        if value.count <= coordinatesPerTensor {
            indices = Array(0..<value.count)
        } else {
            let largest = analytic.scalars.indices.max { abs(analytic.scalars[$0]) < abs(analytic.scalars[$1]) } ?? 0
            indices = [largest]
            while indices.count < coordinatesPerTensor {
                let candidate = generator.nextInt(below: value.count)
                if !indices.contains(candidate) { indices.append(candidate) }
            }
        }
        var (differenceSquared, analyticSquared, numericSquared) = (0.0, 0.0, 0.0)
        var worst = (error: -1.0, text: "")
        for index in indices {
            let numeric = Self.stencil(step: step) { delta in
                var perturbed = value
                perturbed[flat: index] += delta
                return loss(perturbed)
            }
            let exact = Double(analytic[flat: index])
            differenceSquared += (exact - numeric) * (exact - numeric)
            analyticSquared += exact * exact
            numericSquared += numeric * numeric
            if abs(exact - numeric) > worst.error {
                worst = (abs(exact - numeric), "flat index \(index): analytic \(exact), numeric \(numeric)")
            }
        }
        let count = Double(indices.count)
        let coordinates = (differenceSquared / count).squareRoot()
            / ((max(analyticSquared, numericSquared) / count).squareRoot() + floor)

        var direction = (0..<value.count).map { _ in Float(generator.nextGaussian()) }
        let directionNorm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
        direction = direction.map { $0 / directionNorm }
        let numericDirectional = Self.stencil(step: step) { delta in
            var perturbed = value
            perturbed.withUnsafeMutableBufferPointer { p in
                for i in 0..<p.count { p[i] += delta * direction[i] }
            }
            return loss(perturbed)
        }
        let analyticDirectional = zip(analytic.scalars, direction).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let directional = abs(analyticDirectional - numericDirectional)
            / (max(abs(analyticDirectional), abs(numericDirectional), Self.rootMeanSquare(analytic)) + floor)
        let text = worst.text + "; along a random direction: analytic \(analyticDirectional), numeric \(numericDirectional)"
        return (coordinates, directional, text)
    }

    /// Asserts that `analytic` is dLoss/dValue at `value`.
    mutating func check(_ name: String, analytic: Tensor, value: Tensor, scale: Double? = nil,
                        loss: (Tensor) -> Double, file: StaticString = #filePath, line: UInt = #line) {
        let (coordinates, direction, worst) = discrepancies(analytic: analytic, value: value, scale: scale, loss: loss)
        if !(coordinates <= tolerance && direction <= tolerance) {
            XCTFail("\(name): gradient mismatch, relative error \(coordinates) over coordinates and \(direction) "
                    + "along a direction (tolerance \(tolerance)); \(worst)", file: file, line: line)
        }
    }

    /// Checks every parameter gradient that `model` accumulated, against `loss(model)`.
    mutating func checkParameters<Model: ParameterContainer>(
        of model: Model, loss: (inout Model) -> Double, file: StaticString = #filePath, line: UInt = #line
    ) {
        let gradients = model.namedGradients
        let total = gradients.reduce(0.0) { $0 + $1.tensor.squaredNorm }
        let scale = (total / Double(gradients.reduce(0) { $0 + $1.tensor.count })).squareRoot()
        for (named, gradient) in zip(model.namedParameters, gradients) {
            check(named.name, analytic: gradient.tensor, value: named.tensor, scale: scale, loss: { value in
                var probe = model
                probe.replaceParameter(named.name, with: value)
                return loss(&probe)
            }, file: file, line: line)
        }
    }

    static func rootMeanSquare(_ tensor: Tensor) -> Double {
        (tensor.squaredNorm / Double(max(tensor.count, 1))).squareRoot()
    }

    /// The fourth-order central difference of `f` at 0.
    static func stencil(step h: Float, _ f: (Float) -> Double) -> Double {
        let (plus, minus, plus2, minus2) = (f(h), f(-h), f(2 * h), f(-2 * h))
        return (8 * (plus - minus) - (plus2 - minus2)) / (12 * Double(h))
    }
}

extension ParameterContainer {
    /// Replaces one parameter's value (the name must exist and the shape match).
    mutating func replaceParameter(_ name: String, with value: Tensor) {
        var found = false
        visitParameters { candidate, parameter in
            if candidate == name {
                precondition(parameter.shape == value.shape)
                parameter.value = value
                found = true
            }
        }
        precondition(found, "no parameter \(name)")
    }
}

/// Σ cotangent·output in Double: a scalar loss whose gradient with respect to the output is the cotangent.
func weightedSum(_ output: Tensor, _ cotangent: Tensor) -> Double {
    precondition(output.count == cotangent.count)
    return zip(output.scalars, cotangent.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
}

/// A tensor of standard normal values (scaled), from a seed.
func randomTensor(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
    var generator = Xoshiro256StarStar(seed: seed)
    return ParameterInitialization.normal(standardDeviation: scale).makeTensor(shape: shape, using: &generator)
}

/// Runs a layer's gradient check at `input`: dL/dInput and every parameter, with L = Σ c·layer(x).
func checkLayerGradients<L: Layer>(
    _ layer: L, input: Tensor, checker: GradientChecker = GradientChecker(),
    file: StaticString = #filePath, line: UInt = #line
) {
    var checker = checker
    var layer = layer
    let output = layer.forward(input)
    let cotangent = randomTensor(output.shape, seed: 77)
    layer.zeroGradients()
    let inputGradient = layer.backward(cotangent)
    checker.check("input", analytic: inputGradient, value: input, loss: { x in
        var probe = layer
        return weightedSum(probe.forward(x), cotangent)
    }, file: file, line: line)
    checker.checkParameters(of: layer, loss: { probe in weightedSum(probe.forward(input), cotangent) },
                            file: file, line: line)
}
