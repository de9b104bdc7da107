/// Something that owns parameters (a layer, a block, a whole model) and can list them by name.
///
/// Conformers implement ``visitParameters(_:)`` (and ``visitBuffers(_:)`` if they hold
/// non-trainable state such as random features); everything else (listing, loading,
/// zeroing, counting) comes from the extension. Names are dotted paths; the order of
/// visits is fixed by the architecture, so two models of one configuration list their
/// parameters identically.
public protocol ParameterContainer {
    /// Calls `visit` once for each trainable parameter, with its dotted name, in a fixed order.
    mutating func visitParameters(_ visit: (String, inout Parameter) -> Void)

    /// Calls `visit` once for each non-trainable state tensor (saved in checkpoints, not
    /// updated by the optimizer). The default has none.
    mutating func visitBuffers(_ visit: (String, inout Tensor) -> Void)
}

extension ParameterContainer {
    public mutating func visitBuffers(_ visit: (String, inout Tensor) -> Void) {}

    /// The values of all parameters, by name, in visiting order.
    public var namedParameters: [NamedTensor] {
        var copy = self
        var result: [NamedTensor] = []
        copy.visitParameters { name, parameter in result.append(NamedTensor(name, parameter.value)) }
        return result
    }

    /// The accumulated gradients of all parameters, by name, in visiting order.
    public var namedGradients: [NamedTensor] {
        var copy = self
        var result: [NamedTensor] = []
        copy.visitParameters { name, parameter in result.append(NamedTensor(name, parameter.gradient)) }
        return result
    }

    /// The non-trainable state tensors, by name, in visiting order.
    public var namedBuffers: [NamedTensor] {
        var copy = self
        var result: [NamedTensor] = []
        copy.visitBuffers { name, buffer in result.append(NamedTensor(name, buffer)) }
        return result
    }

    /// The total number of trainable scalars.
    public var parameterCount: Int {
        namedParameters.reduce(0) { $0 + $1.tensor.count }
    }

    /// Sets every accumulated gradient to zero.
    public mutating func zeroGradients() {
        visitParameters { _, parameter in parameter.gradient.zero() }
    }

    /// Replaces the parameter values with `tensors`, which must name exactly this model's
    /// parameters with the same shapes (in any order).
    public mutating func setParameters(_ tensors: [NamedTensor]) throws(ParameterMismatch) {
        try Self.assign(tensors, kind: "parameter") { visit in
            visitParameters { name, parameter in visit(name, &parameter.value) }
        }
    }

    /// Replaces the accumulated gradients with `tensors` (same rules as ``setParameters(_:)``).
    public mutating func setGradients(_ tensors: [NamedTensor]) throws(ParameterMismatch) {
        try Self.assign(tensors, kind: "gradient") { visit in
            visitParameters { name, parameter in visit(name, &parameter.gradient) }
        }
    }

    /// Replaces the buffers with `tensors` (same rules as ``setParameters(_:)``).
    public mutating func setBuffers(_ tensors: [NamedTensor]) throws(ParameterMismatch) {
        try Self.assign(tensors, kind: "buffer") { visit in
            visitBuffers { name, buffer in visit(name, &buffer) }
        }
    }

    /// Checks names and shapes first, then assigns, so a mismatch changes nothing.
    private static func assign(
        _ tensors: [NamedTensor], kind: String,
        visitTargets: ((String, inout Tensor) -> Void) -> Void
    ) throws(ParameterMismatch) {
        var byName: [String: Tensor] = [:]
        for named in tensors {
            guard byName.updateValue(named.tensor, forKey: named.name) == nil else {
                throw ParameterMismatch(problem: "\(kind) '\(named.name)' is given twice")
            }
        }
        var problem: String?
        var seen = 0
        visitTargets { name, target in
            guard problem == nil else { return }
            guard let tensor = byName[name] else { problem = "\(kind) '\(name)' is missing"; return }
            guard tensor.shape == target.shape else {
                problem = "\(kind) '\(name)' has shape \(tensor.shape), expected \(target.shape)"
                return
            }
            seen += 1
        }
        if let problem { throw ParameterMismatch(problem: problem) }
        if seen != byName.count {
            var known = Set<String>()
            visitTargets { name, _ in known.insert(name) }
            let unknown = byName.keys.filter { !known.contains($0) }.sorted()
            throw ParameterMismatch(problem: "unexpected \(kind) '\(unknown.first ?? "?")' (this model has no such \(kind))")
        }
        visitTargets { name, target in target = byName[name]! }
    }
}

/// Named tensors that do not fit a model: a missing, extra, duplicated or wrongly shaped entry.
public struct ParameterMismatch: Error, CustomStringConvertible, Equatable, Sendable {
    /// What does not fit, naming the tensor: `parameter 'head.output.weight' has shape [8, 3], expected [8, 153]`.
    public var problem: String
    public var description: String { problem }
}
