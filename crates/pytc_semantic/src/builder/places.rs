//! Places: the member-access and subscript chains (`x.y`, `x[0]`, `x.y["k"]`) that can be
//! assigned and narrowed like names.

use pytc_syntax::ast::{self, Expr};
use smallvec::SmallVec;

use super::IndexBuilder;
use crate::ids::PlaceId;
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
