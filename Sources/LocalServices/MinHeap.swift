/// A binary min-heap: the smallest element on top, push and pop in O(log n).
///
/// The schedulers of issue 15 keep their backlogs in one (the async queue's due times, a local
/// queue's visibility order), so finding what is due next costs the log of the backlog rather
/// than a pass over it. Elements that compare equal come out in no promised order: give them a
/// tie-breaker (a serial number) where order matters. Removal is lazy: the users keep a token
/// in each element and skip those that no longer match their record.
package struct MinHeap<Element: Comparable> {
    private var items: [Element] = []

    package init() {}

    package var count: Int { items.count }
    package var isEmpty: Bool { items.isEmpty }
    /// The smallest element, without removing it.
    package var minimum: Element? { items.first }

    package mutating func push(_ element: Element) {
        items.append(element)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the smallest element (nil when empty).
    @discardableResult
    package mutating func pop() -> Element? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        items[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, items[left] < items[smallest] { smallest = left }
            if right < items.count, items[right] < items[smallest] { smallest = right }
            if smallest == parent { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }

    /// Keeps only the elements `isKept` accepts (for dropping lazily removed elements once they
    /// outnumber the live ones); O(n log n), so call it rarely.
    package mutating func retain(where isKept: (Element) -> Bool) {
        items = items.filter(isKept).sorted()  // a sorted array is a valid heap
    }

    package mutating func removeAll() { items.removeAll() }
}

extension MinHeap: Sendable where Element: Sendable {}
