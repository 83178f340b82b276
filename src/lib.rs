//! cvc: a CV typesetting compiler. See ARCHITECTURE.md for the pipeline.

pub mod cli;
pub mod compile;
pub mod dates;
pub mod diag;
pub mod files;
pub mod fonts;
pub mod fuzz;
pub mod hyphenate;
pub mod images;
pub mod layouts;
pub mod linebreak;
pub mod markup;
pub mod paginate;
pub mod pdf;
pub mod reader;
pub mod report;
pub mod schema;
pub mod select;
pub mod text;
pub mod typeset;
