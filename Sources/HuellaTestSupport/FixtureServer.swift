public enum HuellaTestSupportPlaceholder {}
