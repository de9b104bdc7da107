/// How FAVOR+ draws its random projection vectors ω₁…ω_m ∈ ℝᵈ.
public enum RandomFeatureKind: String, Codable, Equatable, Sendable {
    /// Orthogonal random features (Choromanski et al. 2021, §2.4): blocks of d exactly
    /// orthogonal directions, each row's length drawn from the χ distribution with d
    /// degrees of freedom, so every ω is still marginally N(0, I_d) but the
    /// estimator's variance is lower.
    case orthogonal
    /// Independent N(0, I_d) vectors (the plain positive-random-feature estimator).
    case independent
}

/// Draws the random projection matrices of FAVOR+.
public enum RandomFeatures {
    /// `count` random vectors of length `dimension`, as the rows of a `[count, dimension]` tensor.
    ///
    /// Orthogonal draws use ⌈count/d⌉ independent blocks: a d×d Gaussian matrix made
    /// orthonormal by (twice-applied) modified Gram–Schmidt on its rows, each row then
    /// scaled by the norm of a fresh d-dimensional Gaussian vector (a χ_d sample). The
    /// last block contributes only the rows still needed. Arithmetic is in Double.
    public static func draw(
        count: Int, dimension: Int, kind: RandomFeatureKind, using generator: inout Xoshiro256StarStar
    ) -> Tensor {
        var rows: [Float] = []
        rows.reserveCapacity(count * dimension)
        switch kind {
        case .independent:
            for _ in 0..<(count * dimension) { rows.append(Float(generator.nextGaussian())) }
        case .orthogonal:
            while rows.count < count * dimension {
                let block = orthonormalBlock(dimension: dimension, using: &generator)
                let needed = min(dimension, count - rows.count / dimension)
                for row in 0..<needed {
                    let length = chiSample(degreesOfFreedom: dimension, using: &generator)
                    for j in 0..<dimension { rows.append(Float(block[row * dimension + j] * length)) }
                }
            }
        }
        return Tensor(shape: [count, dimension], scalars: rows)
    }

    /// The rows of a Haar-random d×d orthogonal matrix, row-major.
    static func orthonormalBlock(dimension d: Int, using generator: inout Xoshiro256StarStar) -> [Double] {
        var matrix = (0..<(d * d)).map { _ in generator.nextGaussian() }
        var row = 0
        while row < d {
            // Two passes of modified Gram–Schmidt keep the rows orthogonal to rounding error.
            for _ in 0..<2 {
                for previous in 0..<row {
                    var dot = 0.0
                    for j in 0..<d { dot += matrix[row * d + j] * matrix[previous * d + j] }
                    for j in 0..<d { matrix[row * d + j] -= dot * matrix[previous * d + j] }
                }
            }
            var norm = 0.0
            for j in 0..<d { norm += matrix[row * d + j] * matrix[row * d + j] }
            norm = norm.squareRoot()
            if norm < 1e-10 {
                // Almost surely never: the row was (numerically) dependent; draw it again.
                for j in 0..<d { matrix[row * d + j] = generator.nextGaussian() }
                continue
            }
            for j in 0..<d { matrix[row * d + j] /= norm }
            row += 1
        }
        return matrix
    }

    /// A sample of the χ distribution: the length of a standard normal vector in ℝ^k.
    static func chiSample(degreesOfFreedom k: Int, using generator: inout Xoshiro256StarStar) -> Double {
        var sum = 0.0
        for _ in 0..<k {
            let x = generator.nextGaussian()
            sum += x * x
        }
        return sum.squareRoot()
    }
}
