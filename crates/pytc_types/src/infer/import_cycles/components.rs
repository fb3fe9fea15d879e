//! Strongly connected components of a graph given by a successor function, found by
//! Tarjan's algorithm with an explicit stack, so a component of any length is found without
//! recursion.

use std::hash::Hash;

use rustc_hash::FxHashMap;

/// The component of every node reachable from `roots` that lies on a cycle through another
/// node: node to component number. Nodes on no such cycle are left out. `None` when more
/// than `limit` nodes are reachable.
pub(super) fn cyclic_components<N: Copy + Eq + Hash>(
    roots: impl IntoIterator<Item = N>,
    mut successors: impl FnMut(N) -> Vec<N>,
    limit: Option<usize>,
) -> Option<FxHashMap<N, u32>> {
    let mut search = Search { order: FxHashMap::default(), low: Vec::new(), on_stack: Vec::new(), stack: Vec::new() };
    let mut components = FxHashMap::default();
    let mut component_count = 0u32;
    // The nodes being visited, each with its successors and the next one to look at.
    let mut visiting: Vec<(N, Vec<N>, usize)> = Vec::new();
    for root in roots {
        if search.order.contains_key(&root) {
            continue;
        }
        search.enter(root);
        visiting.push((root, successors(root), 0));
        while let Some((node, next, position)) = visiting.last_mut() {
            let node = *node;
            if let Some(&successor) = next.get(*position) {
                *position += 1;
                match search.order.get(&successor) {
                    None => {
                        if limit.is_some_and(|limit| search.low.len() >= limit) {
                            return None;
                        }
                        search.enter(successor);
                        visiting.push((successor, successors(successor), 0));
                    }
                    Some(&order) if search.on_stack[order as usize] => search.lower(node, order),
                    Some(_) => {}
                }
                continue;
            }
            visiting.pop();
            let order = search.order[&node];
            if search.low[order as usize] == order {
                let members = search.close(order);
                if members.len() > 1 {
                    components.extend(members.into_iter().map(|member| (member, component_count)));
                    component_count += 1;
                }
            }
            if let Some((parent, _, _)) = visiting.last() {
                let low = search.low[order as usize];
                search.lower(*parent, low);
            }
        }
    }
    Some(components)
}

/// Tarjan's bookkeeping: the visiting order of each node, the lowest order reachable from
/// it, and the stack of nodes whose component is still open.
struct Search<N> {
    order: FxHashMap<N, u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<N>,
}

impl<N: Copy + Eq + Hash> Search<N> {
    fn enter(&mut self, node: N) {
        let order = self.low.len() as u32;
        self.order.insert(node, order);
        self.low.push(order);
        self.on_stack.push(true);
        self.stack.push(node);
    }

    fn lower(&mut self, node: N, order: u32) {
        let own = self.order[&node] as usize;
        self.low[own] = self.low[own].min(order);
    }

    /// Pop the component whose first node has `order`.
    fn close(&mut self, order: u32) -> Vec<N> {
        let mut members = Vec::new();
        while let Some(member) = self.stack.pop() {
            let member_order = self.order[&member];
            self.on_stack[member_order as usize] = false;
            members.push(member);
            if member_order == order {
                break;
            }
        }
        members
    }
}

#[cfg(test)]
mod tests {
    use super::cyclic_components;

    fn components_of(edges: &[(u32, u32)], roots: &[u32]) -> Vec<Vec<u32>> {
        let found = cyclic_components(
            roots.iter().copied(),
            |node| edges.iter().filter(|(from, _)| *from == node).map(|(_, to)| *to).collect(),
            None,
        )
        .expect("no limit");
        let mut grouped: Vec<Vec<u32>> = Vec::new();
        let mut numbers: Vec<u32> = found.values().copied().collect();
        numbers.sort_unstable();
        numbers.dedup();
        for number in numbers {
            let mut members: Vec<u32> = found.iter().filter(|(_, n)| **n == number).map(|(node, _)| *node).collect();
            members.sort_unstable();
            grouped.push(members);
        }
        grouped.sort();
        grouped
    }

    #[test]
    fn a_chain_has_no_cyclic_component() {
        assert!(components_of(&[(0, 1), (1, 2), (2, 3)], &[0]).is_empty());
    }

    #[test]
    fn a_self_loop_is_not_a_cycle_through_another_node() {
        assert!(components_of(&[(0, 0), (0, 1)], &[0]).is_empty());
    }

    #[test]
    fn two_cycles_joined_one_way_are_two_components() {
        // 0 <-> 1 -> 2 <-> 3, and 4 -> 0 outside both.
        let edges = [(0, 1), (1, 0), (1, 2), (2, 3), (3, 2), (4, 0)];
        assert_eq!(components_of(&edges, &[4]), vec![vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn a_long_cycle_is_one_component_whatever_the_root() {
        for root in [0u32, 5_000, 9_999] {
            let found = cyclic_components([root], |node| vec![(node + 1) % 10_000], None).expect("no limit");
            assert_eq!(found.len(), 10_000);
            assert!(found.values().all(|component| *component == 0));
        }
    }

    #[test]
    fn a_search_past_its_limit_gives_up() {
        let successors = |node: u32| vec![(node + 1) % 100];
        assert!(cyclic_components([0u32], successors, Some(99)).is_none());
        assert_eq!(cyclic_components([0u32], successors, Some(100)).map(|found| found.len()), Some(100));
    }

    #[test]
    fn nested_cycles_sharing_nodes_are_one_component() {
        // 0 -> 1 -> 2 -> 0 and 1 -> 3 -> 1; 2 -> 4 leaves.
        let edges = [(0, 1), (1, 2), (2, 0), (1, 3), (3, 1), (2, 4)];
        assert_eq!(components_of(&edges, &[0]), vec![vec![0, 1, 2, 3]]);
    }
}
