//! Places: the member-access and subscript chains (`x.y`, `x[0]`, `x.y["k"]`) that can be
//! assigned and narrowed like names.

use pytc_syntax::ast::{self, Expr, NodeIndex};
use smallvec::SmallVec;

use super::IndexBuilder;
use super::flow::Slot;
use crate::ids::PlaceId;
use crate::scope::ScopeKind;
use crate::symbol::{Place, PlaceSegment, SymbolFlags};

impl<'a> IndexBuilder<'a> {
    /// The place an expression names (`x.y`, `x[0]`, `x.y["k"]`), registering it in the
    /// current scope; `None` for anything else (and for a bare name).
    pub(super) fn place_of(&mut self, expr: &Expr) -> Option<PlaceId> {
        let place = self.place_expression(expr)?;
        Some(self.current().add_place(place))
    }

    /// Like `place_of`, without registering: `None` unless the place already exists.
    pub(super) fn existing_place_of(&mut self, expr: &Expr) -> Option<PlaceId> {
        let place = self.place_expression(expr)?;
        self.current().table.place_id(&place)
    }

    /// A comprehension runs where it is written, so a place it reads (`os.path.altsep`,
    /// `self.x`) whose root name it does not bind has the value and narrowing the enclosing
    /// scope gives that place there. Record the enclosing scope's bindings of the place at
    /// this point, as a use (keyed by the inner load) in that scope's use-def map, as
    /// `record_enclosing_snapshot` does for names.
    pub(super) fn record_enclosing_place_snapshot(&mut self, expr: &Expr, node: NodeIndex) {
        let current = self.stack.len() - 1;
        if self.scopes[self.stack[current].id].kind != ScopeKind::Comprehension {
            return;
        }
        let Some(place) = self.place_expression(expr) else { return };
        let root = self.stack[current].table.symbol(place.root);
        if root.is_bound() {
            return;
        }
        let root_name = root.name.clone();
        for depth in (0..current).rev() {
            let kind = self.scopes[self.stack[depth].id].kind;
            if kind == ScopeKind::Class {
                return;
            }
            let table = &self.stack[depth].table;
            if let Some(root) = table.symbol_id(&root_name) {
                let enclosing = Place { root, segments: place.segments.clone() };
                if let Some(id) = table.place_id(&enclosing) {
                    self.stack[depth].record_use(node, Slot::Place(id.as_u32()));
                }
                return;
            }
            if kind != ScopeKind::Comprehension {
                return;
            }
        }
    }

    pub(super) fn place_expression(&mut self, expr: &Expr) -> Option<Place> {
        let mut segments: SmallVec<[PlaceSegment; 2]> = SmallVec::new();
        let mut current = expr;
        loop {
            if segments.len() >= crate::symbol::MAX_PLACE_SEGMENTS {
                return None;
            }
            match current {
                Expr::Attribute(attribute) => {
                    segments.push(PlaceSegment::Attribute(attribute.attr.id.clone()));
                    current = &attribute.value;
                }
                Expr::Subscript(subscript) => {
                    let segment = match &*subscript.slice {
                        Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(int), .. }) => {
                            PlaceSegment::IntSubscript(int.as_i64()?)
                        }
                        Expr::UnaryOp(ast::ExprUnaryOp { op: ast::UnaryOp::USub, operand, .. }) => match &**operand {
                            Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(int), .. }) => {
                                PlaceSegment::IntSubscript(-int.as_i64()?)
                            }
                            _ => return None,
                        },
                        Expr::StringLiteral(literal) => PlaceSegment::StrSubscript(literal.value.to_str().into()),
                        _ => return None,
                    };
                    segments.push(segment);
                    current = &subscript.value;
                }
                Expr::Name(name) => {
                    if segments.is_empty() {
                        return None;
                    }
                    segments.reverse();
                    let root = self.current().add_symbol(&name.id, SymbolFlags::empty());
                    return Some(Place { root, segments });
                }
                _ => return None,
            }
        }
    }
}
