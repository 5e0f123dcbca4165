"""Import adapter: sources (files, directories, zips), the pipeline, quarantine and batches."""
