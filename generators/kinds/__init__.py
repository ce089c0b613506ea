"""Output kinds, one module each: what outputs of that kind exist and how one is made.

Each module here defines a class following `generators.kinds.contract.OutputKind` and
names an instance of it KIND. The pipeline finds them all by looking in this package, so
adding an output kind is adding one module here and its template.
"""
