"""Dictionary readers (PETRARCH/TABARI text formats), shipped compiled data, and checks."""
