using Riok.Mapperly.Abstractions;

// Entities carry more than their DTOs (audit fields, secrets): only the DTO's members must all be mapped.
[assembly: MapperDefaults(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
