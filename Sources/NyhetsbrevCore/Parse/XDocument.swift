/// Owns the storage of one parsed document. Elements (`XElement`) point into
/// it without reference counting, so whoever maps elements keeps the
/// document alive (`withExtendedLifetime`) for as long as it does.
final class XDocument {
    let tree: UnsafeMutablePointer<XTree>

    init() {
        tree = .allocate(capacity: 1)
        tree.initialize(to: XTree())
    }

    deinit {
        tree.deinitialize(count: 1)
        tree.deallocate()
    }
}
