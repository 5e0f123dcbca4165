"""Care records: Client, Aanbieder, Product, Toewijzing, Levering, Declaratie, Prestatie."""
